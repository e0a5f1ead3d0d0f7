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
	want := "static/app.js:1:10: expected Identifier instead of ( in function declaration (fix the syntax of the file)"
	if !errors.As(err, &pe) || pe.Code != "static.minify" || pe.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
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
