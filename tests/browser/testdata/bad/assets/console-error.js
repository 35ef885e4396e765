// Bad fixture: writes an error to the console, as a chart whose data failed
// to load might.
console.error("chart data failed to load");
