// With print media: what of the screen-only chrome and controls still
// shows. Paper needs the content, not the menu, the search box, the
// footer's links or a form's buttons.
(() => {
  const chrome = ".nhsuk-skip-link, .nhsuk-header__navigation, .nhsuk-header__search, .nhsuk-breadcrumb, .nhsuk-back-link, .nhsuk-footer__list, .plinth-back-to-top";
  const controls = 'button, select, input:not([type="hidden"]), textarea';
  const name = (el) => el.localName + [...el.classList].slice(0, 2).map((c) => "." + c).join("") + (el.id ? "#" + el.id : "");
  const shown = (s) => [...document.querySelectorAll(s)].filter((el) => el.checkVisibility()).map(name);
  return { chrome: shown(chrome), controls: shown(controls), mainText: document.querySelector("main").innerText.trim().length };
})()
