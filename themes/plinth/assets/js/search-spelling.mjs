/*
 * Correcting a misspelt word of a query (search-core.mjs): the nearest
 * word the site uses, or of a synonym group, within one edit for words of
 * up to seven letters and two edits for longer ones. An edit is a letter
 * added, removed or changed, or two neighbouring letters swapped
 * ("recieve"). A letter changed counts as one edit only where the slip is
 * likely: a key next to it on the keyboard ("placemenr"), a vowel for a
 * vowel ("competancies"), or a letter that sounds alike ("c" and "k");
 * any other counts as two, for it more often makes another word than a
 * misspelling ("revision" is not "religion", "shout" not "short").
 */

// ROWS are the letter rows of a QWERTY keyboard, each half a key to the
// right of the one above: a key touches the two below it.
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm']

// NEAR holds each pair of letters (in both orders) that a slip changes
// into each other.
const NEAR = (() => {
  const pairs = new Set()
  const add = (a, b) => {
    pairs.add(a + b)
    pairs.add(b + a)
  }
  ROWS.forEach((row, r) => {
    for (let i = 0; i < row.length; i++) {
      if (i + 1 < row.length) {
        add(row[i], row[i + 1])
      }
      const below = ROWS[r + 1] || ''
      for (const j of [i - 1, i]) {
        if (j >= 0 && j < below.length) {
          add(row[i], below[j])
        }
      }
    }
  })
  const vowels = 'aeiouy'
  for (const a of vowels) {
    for (const b of vowels) {
      if (a !== b) {
        add(a, b)
      }
    }
  }
  for (const p of ['ck', 'cs', 'sz', 'kq', 'gj', 'fv', 'dt', 'bp', 'mn']) {
    add(p[0], p[1])
  }
  return pairs
})()

// change is what changing letter a into b costs: one edit for a likely
// slip (NEAR, or a letter other than a-z, which no keyboard row places),
// two for another.
function change (a, b) {
  if (a === b) {
    return 0
  }
  return NEAR.has(a + b) || !/^[a-z]$/.test(a) || !/^[a-z]$/.test(b) ? 1 : 2
}

// maxEdits is how many edits a word of n letters may be from its
// correction.
export function maxEdits (n) {
  return n >= 8 ? 2 : 1
}

// distance returns the number of edits between a and b (the optimal
// string alignment distance), or limit + 1 once it is sure to be more
// than limit.
export function distance (a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1
  }
  // Three rows of the table: two back, one back, this one.
  let back2 = []
  let back1 = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let least = i
    for (let j = 1; j <= b.length; j++) {
      const cost = change(a[i - 1], b[j - 1])
      let d = Math.min(back1[j] + 1, row[j - 1] + 1, back1[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, back2[j - 2] + 1)
      }
      row.push(d)
      least = Math.min(least, d)
    }
    if (least > limit) {
      return limit + 1
    }
    back2 = back1
    back1 = row
  }
  return back1[b.length]
}

// bestCorrection returns { word, term } for the word nearest to w, or
// null if none is within limit edits (by default maxEdits of its length).
// candidates(f) calls f(word, term, postings, used) for each word that may
// be near: the words the site uses (used), and words readers may type that
// lead to words of the site (those of the synonym groups). The nearest
// wins, then a word the site uses, then the word whose term has
// the longer list of pages (postings, encoded: its length grows with the
// number of pages), then the alphabetically first.
export function bestCorrection (w, candidates, limit = maxEdits([...w].length)) {
  let best = null
  candidates((word, term, postings, used = true) => {
    if (word === w) {
      return
    }
    const d = distance(w, word, limit)
    if (d > limit) {
      return
    }
    const c = { word, term, d, used, pages: postings.length }
    if (!best || c.d < best.d || (c.d === best.d && (c.used > best.used || (c.used === best.used && (c.pages > best.pages || (c.pages === best.pages && c.word < best.word)))))) {
      best = c
    }
  })
  return best && { word: best.word, term: best.term }
}
