package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestExitCodesAndHelp(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	good := filepath.Join(dir, "good")
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(good, 0o755)
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(good, "a.txt"), []byte("Oracle opened a cloud region in Chile.\n"), 0o644)
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)

	tests := []struct {
		name     string
		args     []string
		want     int
		inStdout string
		inStderr string
	}{
		{"no command", nil, exitUsage, "", "Commands:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", "unknown command"},
		{"help", []string{"--help"}, exitOK, "Commands:", ""},
		{"run help lists flags", []string{"run", "--help"}, exitOK, "-workers", ""},
		{"export help lists flags", []string{"help", "export"}, exitOK, "-format", ""},
		{"run without path", []string{"run", "--db", db}, exitUsage, "", "no PATH"},
		{"bad flag", []string{"run", "--nope", good}, exitUsage, "", "flag provided but not defined"},
		{"all good", []string{"run", "--db", db, good}, exitOK, "1 new", ""},
		{"flags after paths", []string{"run", good, "--db", db}, exitOK, "1 unchanged", ""},
		{"a failed input", []string{"run", "--db", db, bad}, exitFailed, "1 failed", "empty"},
		{"missing path", []string{"run", "--db", db, filepath.Join(dir, "nope")}, exitFailed, "", "nope"},
		{"bad export format", []string{"export", "--db", db, "--format", "xml"}, exitUsage, "", "jsonl or csv"},
		{"export missing db", []string{"export", "--db", filepath.Join(dir, "none.db")}, exitFailed, "", "none.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, nil, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.want, out, errs)
			}
			if !strings.Contains(out, tt.inStdout) {
				t.Errorf("stdout lacks %q: %s", tt.inStdout, out)
			}
			if !strings.Contains(errs, tt.inStderr) {
				t.Errorf("stderr lacks %q: %s", tt.inStderr, errs)
			}
		})
	}
}

func TestDatabaseFromEnvironmentAndExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "env.db")
	env := map[string]string{"INGEST_DB": db}
	if code, _, errs := runCLI(t, env, "run", "../../testdata/articles"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("INGEST_DB not used: %v", err)
	}
	code, out, errs := runCLI(t, env, "export", "--format", "jsonl")
	if code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 50 {
		t.Fatalf("only %d facts exported", len(lines))
	}
	for _, l := range lines {
		var f map[string]any
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		for _, k := range []string{"type", "company", "quote", "article", "url", "start", "end", "rule", "confidence"} {
			if _, ok := f[k]; !ok {
				t.Fatalf("field %s missing: %s", k, l)
			}
		}
	}
	csvPath := filepath.Join(dir, "facts.csv")
	if code, _, errs := runCLI(t, env, "export", "--format", "csv", "-o", csvPath); code != exitOK {
		t.Fatalf("csv export: exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(csvPath)
	if !strings.HasPrefix(string(b), "type,") || strings.Count(string(b), "\n") != len(lines)+1 {
		t.Errorf("csv: header or row count wrong (%d lines for %d facts)", strings.Count(string(b), "\n"), len(lines))
	}
}
