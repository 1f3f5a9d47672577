package pipeline

import (
	"slices"
	"testing"
)

func TestPackPaths(t *testing.T) {
	for _, list := range [][]string{
		nil,
		{"/a.txt"},
		{"/tmp/c/000001.txt", "/tmp/c/000002.txt", "/tmp/c/sub/é.md"},
		{"/x/a", "/x/ab", "/x/abc"}, // one a prefix of the next
	} {
		ps := packPaths(list)
		var got []string
		for i := range ps.len() {
			got = append(got, ps.at(i))
		}
		if !slices.Equal(got, list) {
			t.Errorf("packPaths(%q) reads back %q", list, got)
		}
	}
}
