package markdown

import (
	"strings"
	"testing"
)

// benchPage is a typical guide page of about 600 words: headings, a table,
// a code block, footnotes, links and a callout.
var benchPage = strings.Repeat(`## The right to freedom of expression

Everyone has the right to freedom of opinion and expression; this right
includes freedom to hold opinions without interference and to seek, receive
and impart information and ideas through any media and regardless of
frontiers.[^udhr] The *International Covenant on Civil and Political Rights*
protects the same freedom in [article 19](../iccpr/article-19.md), and the
[Human Rights Committee](https://www.ohchr.org/en/treaty-bodies/ccpr) explains
it in its General Comment No. 34.

### Permissible restrictions

Restrictions must be "provided by law" and necessary for respect of the
rights or reputations of others, or for the protection of national security,
public order, public health or morals.[^gc34] States often forget that the
burden of proof lies with them -- not with the person who speaks.

| Instrument | Article | Year |
|:-----------|:-------:|-----:|
| UDHR       | 19      | 1948 |
| ICCPR      | 19      | 1966 |
| ECHR       | 10      | 1950 |

> [!NOTE]
> A restriction may never put the right itself in jeopardy.

`+"```go"+`
// Count the words of a page.
func count(s string) int { return len(strings.Fields(s)) }
`+"```"+`

`, 4) + `
[^udhr]: Universal Declaration of Human Rights, article 19.
[^gc34]: Human Rights Committee, General Comment No. 34, paragraph 22.
`

func BenchmarkParseRender(b *testing.B) {
	c := New(Options{})
	src := []byte(benchPage)
	rewrite := func(dest string) string { return dest }
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d := c.Parse(src)
		if _, err := c.Render(d, rewrite); err != nil {
			b.Fatal(err)
		}
	}
}
