package source

import "testing"

// TestUTF16WithoutMark: UTF-16 saved without a byte-order mark is known by
// its zero bytes; a binary file that merely starts with a zero byte is not
// called UTF-16 (a layout of random bytes was "saved as UTF-16").
func TestUTF16WithoutMark(t *testing.T) {
	binary := make([]byte, 256)
	for i := range binary {
		binary[i] = byte(i)
	}
	tests := []struct {
		name, text, want string
	}{
		{"little-endian", "t\x00i\x00t\x00l\x00e\x00", "UTF-16 (little-endian)"},
		{"big-endian", "\x00t\x00i\x00t\x00l\x00e", "UTF-16 (big-endian)"},
		{"with its mark", "\xff\xfet\x00", "UTF-16 (little-endian)"},
		{"binary starting with a zero", string(binary), ""},
		{"UTF-8", "title = \"Café\"\n", ""},
	}
	for _, tt := range tests {
		if got := utf16([]byte(tt.text)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
