package quiz

import (
	"math"
	"strings"
)

// Feldt is the 95 % confidence interval of Cronbach's α from n people
// answering k statements (Feldt, 1965):
//
//	lower = 1 − (1 − α) · F(0.975; n−1, (n−1)(k−1))
//	upper = 1 − (1 − α) · F(0.025; n−1, (n−1)(k−1))
//
// where F(p; d1, d2) is the p-quantile of the F distribution. ok is
// false when n < 2 or k < 2.
func Feldt(alpha float64, n int64, k int) (lo, hi float64, ok bool) {
	if n < 2 || k < 2 {
		return 0, 0, false
	}
	d1 := float64(n - 1)
	d2 := d1 * float64(k-1)
	return 1 - (1-alpha)*fQuantile(0.975, d1, d2), 1 - (1-alpha)*fQuantile(0.025, d1, d2), true
}

// fQuantile is the p-quantile of the F distribution with d1 and d2
// degrees of freedom, by bisection on its distribution function.
func fQuantile(p, d1, d2 float64) float64 {
	lo, hi := 0.0, 1.0
	for fCDF(hi, d1, d2) < p {
		hi *= 2
		if hi > 1e12 {
			return hi
		}
	}
	for range 200 {
		mid := (lo + hi) / 2
		if fCDF(mid, d1, d2) < p {
			lo = mid
		} else {
			hi = mid
		}
		if hi-lo < 1e-12*hi {
			break
		}
	}
	return (lo + hi) / 2
}

// fCDF is the F distribution function: I_{d1x/(d1x+d2)}(d1/2, d2/2).
func fCDF(x, d1, d2 float64) float64 {
	if x <= 0 {
		return 0
	}
	return regBeta(d1*x/(d1*x+d2), d1/2, d2/2)
}

// regBeta is the regularized incomplete beta function I_x(a, b), by its
// continued fraction (Lentz's method).
func regBeta(x, a, b float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(x, a, b) / a
	}
	return 1 - front*betaCF(1-x, b, a)/b
}

func betaCF(x, a, b float64) float64 {
	const tiny = 1e-300
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 100000; m++ {
		mf := float64(m)
		m2 := 2 * mf
		aa := mf * (b - mf) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + mf) * (qab + mf) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-14 {
			break
		}
	}
	return h
}

// ItemsFromLayout is the statements a layout (see Layout) describes: one
// letter a statement, lower case when reverse-keyed. ok is false when a
// character is not a RIASEC letter.
func ItemsFromLayout(layout string) (items []Item, ok bool) {
	items = make([]Item, len(layout))
	for i := range len(layout) {
		c := layout[i]
		rev := c >= 'a' && c <= 'z'
		if rev {
			c -= 'a' - 'A'
		}
		t := strings.IndexByte(Letters, c)
		if t < 0 {
			return nil, false
		}
		items[i] = Item{Type: t, Reverse: rev}
	}
	return items, true
}
