// Runs the self-assessment's rules (themes/plinth/assets/js/
// self-assessment-core.mjs) in Node for the Go tests. It reads one JSON
// request on stdin:
//
//   { "tool": { … the page's data island … }, "files": ["…", …] }
//
// and writes, for each file, what importing it gives:
//
//   { "results": [{ "problems": ["…"] }                      refused
//               | { "document", "report", "csv", "again" }], imported
//     "polluted": false }
//
// "again" is the document after exporting the imported state as JSON and
// importing that file once more (it must equal "document"); "polluted"
// reports whether any file managed to add a property to Object.prototype.
import { readFileSync } from 'node:fs'
import { readFile, toCSV, toDocument, toJSON } from '../../../themes/plinth/assets/js/self-assessment-core.mjs'

const req = JSON.parse(readFileSync(0, 'utf8'))
const results = req.files.map((text) => {
  const r = readFile(text, req.tool)
  if (r.problems) {
    return { problems: r.problems }
  }
  const back = readFile(toJSON(r.state, req.tool, '2026-11-29T10:00:00.000Z'), req.tool)
  return {
    document: toDocument(r.state, req.tool),
    report: r.report,
    csv: toCSV(r.state, req.tool),
    again: back.problems ? back.problems : toDocument(back.state, req.tool)
  }
})
const probe = {}
process.stdout.write(JSON.stringify({ results, polluted: probe.polluted !== undefined || probe.isAdmin !== undefined }))
