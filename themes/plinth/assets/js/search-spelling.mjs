/*
 * Correcting a misspelt word of a query (search-core.mjs): the nearest
 * word the site uses, or of a synonym group, within one edit for words of
 * up to seven letters and two edits for longer ones. An edit is a letter
 * added, removed or changed, or two neighbouring letters swapped
 * ("recieve").
 */

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
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
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
