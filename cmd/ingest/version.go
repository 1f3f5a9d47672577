package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/cloudfacts/ingest/extract"
)

var cmdVersion = &command{
	name:  "version",
	usage: "version",
	short: "print the versions of ingest, its extractor, Go and the main libraries",
	long: `Version prints the version of ingest (the module version it was built
from, and the VCS revision when recorded), the extractor version stored with
every fact, the Go version, and the versions of the libraries that decide
what is extracted and stored: go-trafilatura, gofeed, modernc.org/sqlite and
prose. "ingest --version" does the same.`,
	run: func(ctx context.Context, c *command, e *env, args []string) int {
		_, code := c.parseNoArgs(e, args)
		if code >= 0 {
			return code
		}
		printVersion(e.stdout)
		return exitOK
	},
}

// versionModules are the dependencies whose versions version prints.
var versionModules = []string{
	"github.com/markusmobius/go-trafilatura",
	"github.com/mmcdole/gofeed",
	"modernc.org/sqlite",
	"github.com/jdkato/prose/v3",
}

func printVersion(w io.Writer) {
	mainVersion, deps := "unknown", map[string]string{}
	var revision, modified string
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			mainVersion = bi.Main.Version
		}
		for _, d := range bi.Deps {
			v := d.Version
			if d.Replace != nil {
				v = d.Replace.Version + " (replaces " + d.Version + ")"
			}
			deps[d.Path] = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	fmt.Fprintf(w, "ingest %s", mainVersion)
	if revision != "" {
		fmt.Fprintf(w, " (revision %s", revision)
		if modified == "true" {
			fmt.Fprint(w, ", modified")
		}
		fmt.Fprint(w, ")")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "extractor %s\n", extract.Version)
	fmt.Fprintf(w, "go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	for _, m := range versionModules {
		v := deps[m]
		if v == "" {
			v = "unknown"
		}
		fmt.Fprintf(w, "%s %s\n", m, v)
	}
}
