package convert

import (
	"sync"
	"testing"
)

func TestConversions(t *testing.T) {
	tests := []struct{ conv, in, want string }{
		{"s2t", "个人信息保护法", "個人信息保護法"},
		{"s2tw", "获取通讯录权限，保存好证据", "獲取通訊錄權限，保存好證據"},
		{"s2twp", "获取通讯录权限", "獲取通訊錄許可權"}, // regional vocabulary: why s2tw is the default
		{"s2hk", "说明", "説明"},
		{"t2s", "個人資料與隱私", "个人资料与隐私"},
		{"s2tw", "code: x := 1 // ASCII stays", "code: x := 1 // ASCII stays"},
		{"", "原样不变", "原样不变"},
	}
	for _, tt := range tests {
		c, err := New(tt.conv)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Convert(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.conv, tt.in, got, tt.want)
		}
	}
}

func TestNewLoadsOnce(t *testing.T) {
	a, _ := New("s2tw")
	b, _ := New("s2tw")
	if a != b {
		t.Error("the same conversion was loaded twice")
	}
	if _, err := New("s2xx"); err == nil {
		t.Error("unknown conversion accepted")
	}
}

func TestConcurrentUse(t *testing.T) {
	c, _ := New("s2tw")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				if got := c.Convert("头发与发展"); got != "頭髮與發展" {
					t.Errorf("got %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
