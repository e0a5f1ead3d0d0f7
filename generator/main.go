// Command generator builds the rightsguide site from content/, templates/
// and static/, serves it for preview, and creates new pages.
//
//	go run ./generator build     build the site into public/
//	go run ./generator serve     build, serve on 127.0.0.1:1313
//	go run ./generator check     report broken links, missing descriptions ...
//	go run ./generator new SECTION/NAME
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK    = 0
	exitBuild = 1 // the input has problems, or writing failed
	exitUsage = 2 // the command line is wrong
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError is a mistake on the command line (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `rightsguide: a static-site generator for guides people at risk can read safely.

Usage:
  generator build [flags]        build the site into --out (default public/)
  generator serve [flags]        build and serve it on 127.0.0.1:1313
  generator check [flags]        build in memory and report broken links and anchors, pages
                                 unreachable from navigation, missing descriptions, images
                                 without alt text, duplicate titles, missing interface strings
  generator new SECTION/NAME     create a new page from templates/archetypes/
  generator help                 show this help

Run "generator COMMAND --help" for a command's flags.
`

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "build":
		err = runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		err = runServe(ctx, args[1:], stdout, stderr)
	case "check":
		err = runCheck(ctx, args[1:], stdout, stderr)
	case "new":
		err = runNew(args[1:], stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	return exitCode(err, stderr)
}

func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errFindings): // check printed them
		return exitBuild
	case errors.As(err, &ue):
		if ue.msg != "" { // empty: the flag parser has printed the mistake
			fmt.Fprintln(stderr, ue.msg)
		}
		return exitUsage
	}
	printProblems(stderr, err)
	return exitBuild
}
