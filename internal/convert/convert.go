// Package convert converts Chinese text between scripts and regional
// standards: OpenCC's dictionaries through a fast matching engine, plus
// manual -{…}- markers, a glossary and the book-title rule.
package convert

// Converter turns text written in a site's source script into one variant.
// Implementations are safe for concurrent use.
type Converter interface {
	Convert(text string) string
}

// Identity leaves text as it is.
type Identity struct{}

// Convert returns text unchanged.
func (Identity) Convert(text string) string { return text }

// New returns a plain OpenCC conversion by name ("s2tw", "t2s", …), with
// output identical to opencc.Convert; the empty name gives Identity.
func New(name string) (Converter, error) {
	if name == "" {
		return Identity{}, nil
	}
	return NewEngine(name)
}
