package sample

import "math/bits"

// rng is a small, self-contained xoshiro256** generator. It is used instead
// of math/rand so that a seed gives the same file on every Go version.
type rng struct{ s [4]uint64 }

func newRNG(seed uint64) *rng {
	r := &rng{}
	x := seed
	for i := range r.s {
		// splitmix64 spreads the seed over the state.
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		r.s[i] = z ^ (z >> 31)
	}
	return r
}

func (r *rng) u64() uint64 {
	s := &r.s
	result := bits.RotateLeft64(s[1]*5, 7) * 9
	t := s[1] << 17
	s[2] ^= s[0]
	s[3] ^= s[1]
	s[1] ^= s[2]
	s[0] ^= s[3]
	s[2] ^= t
	s[3] = bits.RotateLeft64(s[3], 45)
	return result
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.u64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi] (lo when hi < lo).
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.u64()>>11) / (1 << 53) }

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// pick returns one of vs, uniformly.
func pick[T any](r *rng, vs []T) T { return vs[r.intn(len(vs))] }

// wv is a value with a relative weight.
type wv struct {
	v string
	w int
}

// pickW returns one value of a weighted list.
func pickW(r *rng, vs []wv) string {
	total := 0
	for _, x := range vs {
		total += x.w
	}
	n := r.intn(total)
	for _, x := range vs {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	return vs[len(vs)-1].v
}
