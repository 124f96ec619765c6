// Remember the language a reader picks in the switcher, so that the entry page
// at the site's root (tools/site_files.py; or nginx, see tools/nginx.py) sends
// them there next time.  The switcher itself is plain links and works without
// this script.  The key is presskit.site.languages.STORAGE_KEY (the script's data-key).
const presskitLanguageKey = document.currentScript.dataset.key;
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-presskit-language]");
  if (!link) return;
  const language = link.dataset.presskitLanguage;
  try {
    localStorage.setItem(presskitLanguageKey, language);
  } catch (e) {
    // Storage blocked (private mode, file://): the cookie below still works.
  }
  document.cookie = `${presskitLanguageKey}=${language}; path=/; max-age=31536000; SameSite=Lax`;
});
