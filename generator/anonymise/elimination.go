package anonymise

// derivable decides, for each unknown of the homogeneous-coefficient system
// a (rows are equations, columns unknowns), whether its value is fixed by
// the equations once every other figure is known: that is, whether the unit
// vector of its column lies in the row space of a.
//
// It reduces a to reduced row echelon form in exact rational arithmetic.
// Because row operations keep the row space, e_c is in the row space of a
// exactly when it is in the row space of the reduced form R. Each row of R
// has a 1 in its pivot column and 0 in every other pivot column, so the only
// combination of R's rows that can equal e_c is the row whose pivot is c
// itself (a non-pivot column is never derivable), and that row equals e_c
// exactly when it is zero in every non-pivot column.
//
// The arithmetic is the simplex's exact rational (rational.go): int64
// fractions while they fit, math/big beyond.
func derivable(a [][]int, cols int) []bool {
	m := make([][]rat, len(a))
	for i, row := range a {
		m[i] = make([]rat, cols)
		for j, v := range row {
			m[i][j] = ratInt(int64(v))
		}
	}
	pivotRow := make([]int, cols) // row holding column j's pivot, or -1
	r := 0
	for j := 0; j < cols; j++ {
		pivotRow[j] = -1
		if r == len(m) {
			continue
		}
		p := -1
		for i := r; i < len(m); i++ {
			if m[i][j].sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		f := m[r][j]
		var nz []int // the pivot row's nonzero columns
		for k := j; k < cols; k++ {
			if !m[r][k].isZero() {
				m[r][k] = ratQuo(m[r][k], f)
				nz = append(nz, k)
			}
		}
		for i := range m {
			if i == r || m[i][j].isZero() {
				continue
			}
			g := m[i][j]
			for _, k := range nz {
				m[i][k] = ratSub(m[i][k], ratMul(g, m[r][k]))
			}
		}
		pivotRow[j] = r
		r++
	}
	out := make([]bool, cols)
	for j := range cols {
		i := pivotRow[j]
		if i < 0 {
			continue
		}
		out[j] = true
		for k := range cols {
			if pivotRow[k] < 0 && !m[i][k].isZero() {
				out[j] = false
				break
			}
		}
	}
	return out
}
