// The report's print button: shown only when this script runs, it opens the browser's print
// dialog (which can also save the report as a PDF).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-ita-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
