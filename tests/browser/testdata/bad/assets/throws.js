// Bad fixture: throws an exception nothing catches, as a script that expects
// an element the page does not have would.
document.getElementById("chart-that-is-not-there").textContent = "drawn";
