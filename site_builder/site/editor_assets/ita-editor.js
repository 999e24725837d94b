// Our addition to Decap CMS (site_builder/site/editor.py). A field typed in and then cleared is
// saved by Decap as `key: ""`, which `check` rightly refuses (an empty order, note or date).
// Before each save, empty values, empty lists and empty objects are dropped, so a cleared
// optional field is simply absent, as a webmaster means it. Required fields left empty are then
// missing, and the form (and `check`) still says so.
(function () {
  function isCollection(value) {
    return value !== null && typeof value === "object" &&
      typeof value.get === "function" && typeof value.filter === "function";
  }
  function isEmpty(value) {
    return value === "" || value === null || value === undefined ||
      (isCollection(value) && value.size === 0);
  }
  function prune(value) {
    return isCollection(value) ? value.map(prune).filter(function (v) { return !isEmpty(v); }) : value;
  }
  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) { return prune(event.entry.get("data")); },
  });
})();
