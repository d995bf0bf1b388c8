package browsertest_test

import (
	"os"
	"testing"

	"careerguide/internal/browsertest"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
