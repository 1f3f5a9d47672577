package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Skip is an input entry that was not read, and why.
type Skip struct {
	Path string
	// Kind is what the entry is: "unsupported" (a regular file of another
	// type), "named pipe", "socket", "device", "symlink to a folder",
	// "symlink to a named pipe"... or "dangling symlink".
	Kind string
}

// Listing is what Walk found under the inputs of a run.
type Listing struct {
	// Files are the regular files to read, by canonical path (see
	// CanonicalPath), sorted, each once however many times it was reached.
	Files []string
	// Listed maps a canonical path to the cleaned path it was listed under
	// when that differs (relative, or through a symlink): the key earlier
	// versions stored the article under.
	Listed map[string]string
	// Skipped are the entries not read: other file types, and everything
	// that is not a regular file, which is never opened.
	Skipped []Skip
	// Errors are the folders (or entries) that could not be read; the walk
	// went on without them.
	Errors []Failure
	// Folders are the folders walked, by canonical path.
	Folders []string
	// Links are the symlinks followed to a regular file: Path as listed,
	// Kind the canonical path of the file.
	Links []Skip
}

// CanonicalPath is the one path an article read from a file is stored
// under: absolute, cleaned, symlinks resolved, with forward slashes. It
// fails when path does not exist.
func CanonicalPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(real), nil
}

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m&fs.ModeIrregular != 0:
		return "irregular file"
	}
	return "not a regular file"
}

// Walk lists the supported regular files under paths (files or folders,
// walked recursively; folders whose name starts with "." are left out). It
// opens no file: every entry is judged by Lstat, and a symlink by the Stat
// of its target, so a FIFO, a socket or a device is skipped with its kind
// rather than read. A symlink to a regular file is followed; a symlink to a
// folder is not walked (no loops). A folder that cannot be read is recorded
// in Errors and the walk goes on. The error is for an input path that does
// not exist or cannot be examined at all.
func Walk(paths []string) (Listing, error) {
	l := Listing{Listed: map[string]string{}}
	seen := map[string]bool{}
	// add judges one entry that is not a folder being walked; listed is
	// its path as the user would write it (under the input given).
	add := func(path, listed string, mode fs.FileMode) {
		what := ""
		if mode&fs.ModeSymlink != 0 {
			st, err := os.Stat(path)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				l.Skipped = append(l.Skipped, Skip{listed, "dangling symlink"})
				return
			case err != nil:
				l.Errors = append(l.Errors, Failure{Source: filepath.ToSlash(path), Stage: "walk", Err: err})
				return
			}
			mode, what = st.Mode(), "symlink to a "
		}
		if !mode.IsRegular() {
			l.Skipped = append(l.Skipped, Skip{listed, what + kind(mode)})
			return
		}
		if !Supported(path) {
			l.Skipped = append(l.Skipped, Skip{listed, "unsupported"})
			return
		}
		canon, err := CanonicalPath(path)
		if err != nil {
			l.Errors = append(l.Errors, Failure{Source: filepath.ToSlash(path), Stage: "walk", Err: err})
			return
		}
		if what != "" && !Supported(canon) {
			l.Skipped = append(l.Skipped, Skip{listed, "unsupported"})
			return
		}
		if what != "" {
			l.Links = append(l.Links, Skip{listed, canon})
		}
		if seen[canon] {
			return
		}
		seen[canon] = true
		l.Files = append(l.Files, canon)
		if c := filepath.ToSlash(filepath.Clean(listed)); c != canon {
			l.Listed[canon] = c
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			if lst, lerr := os.Lstat(root); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
				add(root, root, lst.Mode()) // a dangling symlink: skipped
				continue
			}
			return l, fmt.Errorf("input %s: %w", root, err)
		}
		if !st.IsDir() {
			lst, err := os.Lstat(root)
			if err != nil {
				return l, fmt.Errorf("input %s: %w", root, err)
			}
			add(root, root, lst.Mode())
			continue
		}
		// A folder is walked at its canonical path (also one given
		// through a symlink), so what is recorded is absolute.
		walkRoot, err := CanonicalPath(root)
		if err != nil {
			return l, fmt.Errorf("input %s: %w", root, err)
		}
		walkRoot = filepath.FromSlash(walkRoot)
		err = filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable folder (or an entry gone since its folder
				// was listed): recorded, and the walk goes on.
				l.Errors = append(l.Errors, Failure{Source: filepath.ToSlash(path), Stage: "walk", Err: err})
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != walkRoot && len(d.Name()) > 1 && d.Name()[0] == '.' {
					return filepath.SkipDir // .git and the like
				}
				l.Folders = append(l.Folders, filepath.ToSlash(path))
				return nil
			}
			listed := path
			if rel, err := filepath.Rel(walkRoot, path); err == nil {
				listed = filepath.Join(root, rel)
			}
			add(path, listed, d.Type())
			return nil
		})
		if err != nil {
			return l, fmt.Errorf("walk %s: %w", root, err)
		}
	}
	sort.Strings(l.Files)
	return l, nil
}

// Files lists the supported files under paths (see Walk) and counts the
// entries skipped. Folders that could not be read are an error here.
func Files(paths []string) (files []string, skipped int, err error) {
	l, err := Walk(paths)
	if err != nil {
		return nil, 0, err
	}
	if len(l.Errors) > 0 {
		return nil, 0, fmt.Errorf("walk %s: %w", l.Errors[0].Source, l.Errors[0].Err)
	}
	return l.Files, len(l.Skipped), nil
}
