package output

import (
	"errors"
	"testing"
	"testing/fstest"

	"rightsguide/generator/problem"
)

// A script or stylesheet the minifier cannot read fails the build at the
// file, instead of shipping something browsers choke on.
func TestMinifyBrokenScript(t *testing.T) {
	static := fstest.MapFS{"app.js": {Data: []byte("function (\n")}}
	_, _, err := Assets(static, nil)
	var pe *problem.Error
	if !errors.As(err, &pe) || pe.Code != "static.minify" || pe.Pos.File != "static/app.js" {
		t.Fatalf("err = %v, want a static.minify problem at static/app.js", err)
	}
}

func TestMinifyKeepsGlobals(t *testing.T) {
	out, err := minifyAsset("search.js", []byte("var rgSearch = (function () {\n  var longName = 1; // a comment\n  return longName;\n})();\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); got != "var rgSearch=function(){var e=1;return e}()" { // the global keeps its name
		t.Errorf("minified to %q", got)
	}
}
