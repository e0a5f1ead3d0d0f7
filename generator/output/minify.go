package output

import (
	"errors"
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/parse/v2"

	"rightsguide/generator/problem"
)

// Stylesheets and scripts are minified as they are fingerprinted: readers
// on slow, expensive connections pay for every byte, and a typical page
// (HTML + CSS + JS) must stay within 50 KB uncompressed. Comments and
// white space go and local names get shorter; globals and behaviour stay.
// The minifier is Hugo's (tdewolff/minify), and its output depends on the
// input alone, so builds stay byte-identical. The sources in static/ stay
// readable.

// minifyAsset returns the minified form of a .css or .js file. A file the
// minifier cannot parse is a problem at the file: a browser would choke on
// it too.
func minifyAsset(name string, data []byte) ([]byte, error) {
	var mime string
	var minifier minify.MinifierFunc
	switch path.Ext(name) {
	case ".css":
		mime, minifier = "text/css", css.Minify
	case ".js":
		mime, minifier = "application/javascript", js.Minify // renames local names only: globals such as rgSearch stay
	default:
		return data, nil
	}
	m := minify.New()
	m.AddFunc(mime, minifier)
	out, err := m.Bytes(mime, data)
	if err != nil {
		pos := problem.Pos{Root: problem.InStatic, File: name}
		var pe *parse.Error
		if errors.As(err, &pe) { // its text repeats the position in words
			pos.Line, pos.Col = pe.Line, pe.Column
			err = errors.New(pe.Message)
		}
		return nil, problem.Wrap(pos, "static.minify", err, "fix the syntax of the file")
	}
	return out, nil
}
