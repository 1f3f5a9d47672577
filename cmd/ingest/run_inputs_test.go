package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A folder that cannot be read is recorded (stage walk) and its siblings
// are still ingested. Root reads any folder, so as root the built binary
// runs as nobody (uid 65534).
func TestRunUnreadableFolder(t *testing.T) {
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	bin := binary(t)
	base, err := os.MkdirTemp("", "ingest-walk-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(base, "in", "secret"), 0o755); os.RemoveAll(base) })
	os.Chmod(base, 0o777) // nobody creates the database here
	for name, text := range map[string]string{
		"in/a.txt":          "Oracle opened a cloud region in Chile.\n",
		"in/ok/b.txt":       "AWS opened a data center in Kenya.\n",
		"in/secret/c.txt":   "Google opened a cloud region in Norway.\n",
		"in/secret/d/e.txt": "Microsoft opened a data center in Poland.\n",
	} {
		p := filepath.Join(base, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The binary, in a folder nobody may enter.
	own := filepath.Join(base, "ingest")
	if b, err := os.ReadFile(bin); err != nil || os.WriteFile(own, b, 0o755) != nil {
		t.Fatalf("copying the binary: %v", err)
	}
	secret := filepath.Join(base, "in", "secret")
	if err := os.Chmod(secret, 0o000); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(base, "t.db")
	cmd := exec.Command(own, "run", "--db", db, filepath.Join(base, "in"))
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if cred != nil && err != nil && cmd.ProcessState == nil {
		t.Skipf("cannot run as uid 65534: %v", err)
	}
	if code := cmd.ProcessState.ExitCode(); code != exitFailed {
		t.Errorf("exit %d, want %d (a folder failed)\nstdout: %s\nstderr: %s", code, exitFailed, out.String(), errb.String())
	}
	if n := queryDB(t, db, `SELECT count(*) FROM articles`); n != 2 {
		t.Errorf("%d articles stored, want the 2 readable ones\nstdout: %s\nstderr: %s", n, out.String(), errb.String())
	}
	if n := queryDB(t, db, `SELECT count(*) FROM open_failures WHERE source = ? AND stage = 'walk' AND reason LIKE '%permission denied%'`, secret); n != 1 {
		t.Errorf("the unreadable folder is not recorded\nstderr: %s", errb.String())
	}
	if !strings.Contains(errb.String(), secret) {
		t.Errorf("stderr does not name the folder: %s", errb.String())
	}
}

// SIGTERM during the extraction of a long article stops `ingest run`
// within a second, and the run is recorded as failed.
func TestRunSIGTERMDuringExtraction(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	long := strings.Repeat(strings.Repeat("Oracle opened a cloud region in Chile, AWS plans three data centers in Kenya by 2027, ", 12)+"and more. ", 4900)
	for _, name := range []string{"long1.txt", "long2.txt", "long3.txt"} {
		// Seconds of work each, one after the other (--workers 1).
		if err := os.WriteFile(filepath.Join(dir, name), []byte(long), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "t.db")
	cmd := exec.Command(bin, "run", "--db", db, "--workers", "1", dir)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(2 * time.Second) // loaded the models, reading the article
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("the run ended before the signal: %v", err)
	}
	start := time.Now()
	select {
	case <-done:
		t.Logf("exited %v after SIGTERM, status %d", time.Since(start), cmd.ProcessState.ExitCode())
		if code := cmd.ProcessState.ExitCode(); code != exitFailed {
			t.Errorf("exit %d, want %d", code, exitFailed)
		}
	case <-time.After(time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatal("ingest run still going a second after SIGTERM")
	}
	if n := queryDB(t, db, `SELECT count(*) FROM runs WHERE status = 'interrupted'`); n != 1 {
		t.Errorf("the run stopped by SIGTERM is not recorded as interrupted")
	}
}
