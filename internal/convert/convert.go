// Package convert converts Chinese text between scripts and regional
// standards with OpenCC's dictionaries.
package convert

import (
	"fmt"
	"sync"

	"github.com/longbridgeapp/opencc"
)

// Converter turns text written in a site's source script into one variant.
// Implementations are safe for concurrent use.
type Converter interface {
	Convert(text string) string
}

// Identity leaves text as it is; it serves the variant in the source script.
type Identity struct{}

// Convert returns text unchanged.
func (Identity) Convert(text string) string { return text }

// openCC adapts an OpenCC conversion to Converter.
type openCC struct {
	name string
	cc   *opencc.OpenCC
}

func (o *openCC) Convert(text string) string {
	out, err := o.cc.Convert(text)
	if err != nil {
		// Only a dictionary that failed to load can fail here, and New
		// checks that it loaded.
		panic(fmt.Sprintf("convert %s: %v", o.name, err))
	}
	return out
}

// The OpenCC dictionaries are large and read-only once loaded, so each
// conversion is loaded once per process and shared.
var (
	mu     sync.Mutex
	loaded = map[string]*openCC{}
)

// New returns the converter for an OpenCC conversion name such as "s2tw";
// the empty name gives Identity.
func New(name string) (Converter, error) {
	if name == "" {
		return Identity{}, nil
	}
	mu.Lock()
	defer mu.Unlock()
	if c, ok := loaded[name]; ok {
		return c, nil
	}
	cc, err := opencc.New(name)
	if err != nil {
		return nil, fmt.Errorf("loading OpenCC conversion %q: %w", name, err)
	}
	if _, err := cc.Convert("测试"); err != nil {
		return nil, fmt.Errorf("loading OpenCC conversion %q: %w", name, err)
	}
	c := &openCC{name: name, cc: cc}
	loaded[name] = c
	return c, nil
}
