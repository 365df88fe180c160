// Theme bootstrapping shared by the root layout (server) and the toggle (client): a stored choice in
// localStorage wins, otherwise prefers-color-scheme. Runs inline in <head>, before first paint.
export const THEME_KEY = "vigil-theme";

export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("${THEME_KEY}");if(t!=="light"&&t!=="dark"){t=window.matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}document.documentElement.setAttribute("data-theme",t)}catch(e){}})()`;
