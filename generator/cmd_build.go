package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"rightsguide/generator/build"
	"rightsguide/generator/config"
	"rightsguide/generator/problem"
)

var errHelp = errors.New("help shown")

// siteFlags are the flags build and serve share.
type siteFlags struct {
	content, templates, static, out, baseURL string
	drafts, warnBrokenLinks                  bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.content, "content", "content", "folder of Markdown pages and site.toml")
	fs.StringVar(&f.templates, "templates", "templates", "folder of html/template layouts")
	fs.StringVar(&f.static, "static", "static", "folder of CSS, JS and images")
	fs.StringVar(&f.out, "out", "public", "output folder (replaced only when a build succeeds)")
	fs.StringVar(&f.baseURL, "base-url", "", "absolute URL the site is published at (default: base_url in site.toml)")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft: true")
	fs.BoolVar(&f.warnBrokenLinks, "warn-broken-links", false, "report broken internal links as warnings instead of failing")
}

// folders names the input folders, for problems' positions.
func (f *siteFlags) folders() problem.Folders {
	return problem.Folders{Content: f.content, Templates: f.templates, Static: f.static}
}

// options opens the input folders. Each is read through os.Root, so a
// symbolic link cannot lead the build outside its folder.
func (f *siteFlags) options() (build.Options, func(), error) {
	var roots []*os.Root
	closeAll := func() {
		for _, r := range roots {
			r.Close()
		}
	}
	open := func(dir, flagName string) (*os.Root, error) {
		r, err := os.OpenRoot(dir)
		if err != nil {
			return nil, problem.Wrap(problem.Pos{Root: problem.AsGiven, File: dir}, "input.missing", err, "create the folder or point --"+flagName+" at it")
		}
		roots = append(roots, r)
		return r, nil
	}
	if err := checkOut(f.out, f.content, f.templates, f.static); err != nil {
		return build.Options{}, closeAll, err
	}
	if f.baseURL != "" {
		if why := config.BadBaseURL(f.baseURL); why != "" {
			return build.Options{}, closeAll, usageError{"--base-url " + f.baseURL + " " + why + "; write it like https://example.org/guide/"}
		}
	}
	c, err := open(f.content, "content")
	if err != nil {
		return build.Options{}, closeAll, err
	}
	t, err := open(f.templates, "templates")
	if err != nil {
		return build.Options{}, closeAll, err
	}
	s, err := open(f.static, "static")
	if err != nil {
		return build.Options{}, closeAll, err
	}
	return build.Options{Content: c.FS(), Templates: t.FS(), Static: s.FS(), BaseURL: f.baseURL,
		Drafts: f.drafts, WarnBrokenLinks: f.warnBrokenLinks}, closeAll, nil
}

// checkOut refuses an output folder that is, or holds, one of the inputs.
func checkOut(out string, inputs ...string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	for _, in := range inputs {
		absIn, err := filepath.Abs(in)
		if err != nil {
			return err
		}
		if absOut == absIn || within(absIn, absOut) {
			return usageError{"--out " + out + " would replace the input folder " + in + "; choose another output folder"}
		}
		if within(absOut, absIn) { // the next build would publish this one inside itself
			return usageError{"--out " + out + " is inside the input folder " + in + "; choose an output folder outside it"}
		}
	}
	if info, err := os.Stat(absOut); err == nil && !info.IsDir() {
		return usageError{"--out " + out + " is a file, not a folder; choose a folder"}
	}
	if filepath.Dir(absOut) == absOut {
		return usageError{"--out cannot be the root folder"}
	}
	return nil
}

// within reports whether path lies inside dir (both absolute and clean).
func within(path, dir string) bool {
	return strings.HasPrefix(path, dir+string(filepath.Separator)) || dir == filepath.Dir(dir) && path != dir
}

// parseFlags reads a command's flags. Help goes to stdout, as a reader
// asked for it; a mistake goes to stderr once, with the usage after it.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return errHelp
	}
	fmt.Fprintln(stderr, err)
	fs.SetOutput(stderr)
	fs.Usage()
	return usageError{} // already said
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f siteFlags
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: generator build [flags]\n\nBuilds the site. Problems are printed as path:line:col: message (hint); the previous output is kept when any is found.\n\nFlags:")
		fs.PrintDefaults()
	}
	f.register(fs)
	timings := fs.Bool("timings", false, "print how long each stage of the build took")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (for go tool pprof, or to refresh generator/default.pgo)")
	if err := parseFlags(fs, args, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"build takes no arguments, got " + strings.Join(fs.Args(), " ")}
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	opts, closeAll, err := f.options()
	defer closeAll()
	if err != nil {
		return err
	}
	if *timings {
		opts.Timings = build.NewTimings()
	}
	start := time.Now()
	res, err := build.Run(ctx, opts, f.out)
	if res != nil {
		printWarnings(stderr, f.folders().LocateAll(res.Warnings))
	}
	if err != nil {
		return f.folders().Locate(err)
	}
	fmt.Fprintf(stdout, "built %d pages in %s into %s\n", res.Pages, time.Since(start).Round(time.Millisecond), f.out)
	if *timings {
		opts.Timings.Print(stdout)
	}
	return nil
}

// printProblems writes one line per problem; other errors as they are.
func printProblems(w io.Writer, err error) {
	probs := problem.All(err)
	if len(probs) == 0 {
		fmt.Fprintln(w, "error:", err)
		return
	}
	for _, p := range probs {
		fmt.Fprintln(w, p.Error())
	}
	if len(probs) > 1 {
		fmt.Fprintf(w, "%d problems; nothing was written\n", len(probs))
	} else {
		fmt.Fprintln(w, "1 problem; nothing was written")
	}
}

func printWarnings(w io.Writer, warns []*problem.Error) {
	for _, p := range warns {
		fmt.Fprintln(w, "warning: "+p.Error())
	}
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, problem.Wrap(problem.Pos{Root: problem.AsGiven, File: path}, "profile.create", err, "choose a --cpuprofile path in a folder you can write to")
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, problem.Wrap(problem.Pos{Root: problem.AsGiven, File: path}, "profile.start", err, "stop the other profile first")
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
