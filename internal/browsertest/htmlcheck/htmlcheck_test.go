package htmlcheck_test

import (
	"strings"
	"testing"

	"careerguide/internal/browsertest/htmlcheck"
)

func TestCheckHTML(t *testing.T) {
	t.Parallel()
	const head = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>`
	errs := htmlcheck.CheckHTML(t, map[string][]byte{
		"valid":   []byte(head + `<p><time datetime="09:00">9:00</time></p></body></html>`),
		"invalid": []byte(head + `<p><time>9:00</time></p></body></html>`),
	})
	if len(errs) != 1 || errs[0].Doc != "invalid" || !strings.Contains(errs[0].Message, "time") {
		t.Fatalf("want one error about the time element of the invalid document, got %v", errs)
	}
}
