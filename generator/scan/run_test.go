package scan

import (
	"bytes"
	"testing"
)

// TestLongRunBounded: a run of millions of plain ASCII bytes (an output
// file that is one pasted word) is written without the key's buffers
// growing past the room reset made for the file: room for two key bytes
// a character is made a chunk at a time, not for the whole run at once.
// The text and its key are the same as for short runs.
func TestLongRunBounded(t *testing.T) {
	tests := []struct {
		name  string
		unit  string
		times int
	}{
		{"one word", "x", 1 << 20},
		{"words", "Ward Sister ", 1 << 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := bytes.Repeat([]byte(tt.unit), tt.times)
			room := len(data) + len(data)/8
			var x text
			x.reset(room, true)
			x.plain(data, 0)
			for name, c := range map[string]int{"t": cap(x.t), "off": cap(x.off), "l": cap(x.l), "lt": cap(x.lt), "le": cap(x.le)} {
				if c > room {
					t.Errorf("%s grew to room for %d bytes; reset made room for %d", name, c, room)
				}
			}
			// The text and key of the whole are those of the unit, repeated.
			var u text
			u.reset(len(tt.unit), true)
			u.plain([]byte(tt.unit), 0)
			if !bytes.Equal(x.t, bytes.Repeat(u.t, tt.times)) || !bytes.Equal(x.l, bytes.Repeat(u.l, tt.times)) {
				t.Fatalf("text or key differ from the unit's repeated (%d, %d bytes for %d, %d)", len(x.t), len(x.l), len(u.t)*tt.times, len(u.l)*tt.times)
			}
			for i := range x.off {
				j, k := i%len(u.t), int32(i/len(u.t)*len(tt.unit))
				if x.off[i] != u.off[j]+k {
					t.Fatalf("byte %d of the text maps to offset %d, want %d", i, x.off[i], u.off[j]+k)
				}
			}
			for i := range x.lt {
				j, k := i%len(u.l), int32(i/len(u.l)*len(u.t))
				if x.lt[i] != u.lt[j]+k || x.le[i] != u.le[j]+k {
					t.Fatalf("byte %d of the key maps to %d..%d, want %d..%d", i, x.lt[i], x.le[i], u.lt[j]+k, u.le[j]+k)
				}
			}
		})
	}
}
