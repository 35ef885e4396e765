// Script of the test fixtures. It proves that an external, same-origin
// script runs under the strict Content-Security-Policy and can read a JSON
// data island (a <script type="application/json"> element, which is data,
// not code).
document.documentElement.classList.add("js-enabled");

document.addEventListener("DOMContentLoaded", () => {
  const island = document.getElementById("standards-data");
  const out = document.getElementById("standards-count");
  if (island && out) {
    const data = JSON.parse(island.textContent);
    out.textContent = String(data.standards.length);
  }
});
