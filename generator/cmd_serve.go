package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"

	"rightsguide/generator/build"
	"rightsguide/generator/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f siteFlags
	var addr string
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: generator serve [flags]\n\nBuilds the site and serves it for preview, from memory (--out is not written). Edits to\ncontent, templates and static files rebuild what they touch, and the browser follows;\na broken edit shows its problems in the browser and here, over the last good build.\n\nFlags:")
		fs.PrintDefaults()
	}
	f.register(fs)
	fs.StringVar(&addr, "addr", "127.0.0.1:1313", "address to listen on; anything but loopback exposes the preview to the network")
	if err := parseFlags(fs, args, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"serve takes no arguments"}
	}
	if host, _, err := net.SplitHostPort(addr); err != nil {
		return usageError{"--addr " + addr + " is not host:port"}
	} else if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: serving on %s, reachable from other machines\n", addr)
	}
	opts, closeAll, err := f.options()
	defer closeAll()
	if err != nil {
		return err
	}
	ln, err := serve.Listen(addr)
	if err != nil {
		return usageError{err.Error()}
	}
	return serve.Run(ctx, serve.Options{
		Build: opts,
		Inputs: []serve.Input{
			{Name: build.InputContent, Dir: f.content},
			{Name: build.InputTemplates, Dir: f.templates},
			{Name: build.InputStatic, Dir: f.static},
		},
		Folders:  f.folders(),
		Listener: ln, Stdout: stdout, Stderr: stderr,
	})
}
