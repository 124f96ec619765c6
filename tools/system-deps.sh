#!/usr/bin/env bash
# Install the Debian packages the build and the tests need, when missing.
#
#   bash tools/system-deps.sh        (run by `make` before the Python packages)
#
# - chromium: the real browser of the browser tests (tests/test_browser.py);
#   Playwright drives it at /usr/bin/chromium, since Playwright's own browser
#   download is not reachable from every machine.
# - gettext: msgmerge/msgfmt/msgcat for the translators' targets (tools/catalogs.py).
# - hunspell and each language's dictionary: the spelling check of `make check`
#   (tools/spelling.py).
# - nginx-light (only when there is no nginx): the tests run the generated nginx
#   settings (tools/nginx.py) under a real nginx (tests/test_nginx.py).
# - fonts-paratype: PT Sans/Serif, which the title card (presskit.site.card) is drawn in.
# - libimage-exiftool-perl: exiftool, with which tests/test_pictures.py reads back
#   the captions the build embeds in the stills' originals.
# - nodejs, npm (only when npm is missing): Lighthouse, from bench/package.json.
#
#   bash tools/system-deps.sh pdf    (run by `make`, `make pdf` and `make test`)
#
# installs instead what the PDF press kit needs (tools/build.py --formats pdf):
# XeLaTeX and latexmk, the LaTeX packages Sphinx and _latex/presskit.sty load,
# each language's hyphenation, the PT Serif/PT Sans fonts with full Cyrillic,
# and poppler-utils (pdffonts, for tests/test_pdf.py).  `make site` (the
# website alone) needs none of them.
# Needs root (or sudo); does nothing when everything is there.
set -euo pipefail

HERE="$(dirname "$0")"
# Each language's spelling dictionary and hyphenation patterns: tools/langpackages.py,
# from conf.py's languages.
DICTIONARIES=$(python3 "$HERE/langpackages.py" hunspell)
PACKAGES=(chromium gettext hunspell $DICTIONARIES)
# - fonts-paratype: PT Sans/Serif, which the title card (presskit.site.card) is drawn in.
# - libimage-exiftool-perl: exiftool, with which tests/test_pictures.py reads back
#   the captions the build embeds in the stills' originals.
# Node.js and npm run Lighthouse (bench/, tests/test_weight.py); this machine
# kind ships them, Debian's packages stand in where they are missing.
command -v npm >/dev/null || PACKAGES+=(nodejs npm)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || PACKAGES+=(nginx-light)
if [ "${1:-}" = pdf ]; then
    HYPHENATION=$(python3 "$HERE/langpackages.py" tex)
    PACKAGES=(texlive-xetex latexmk texlive-latex-recommended texlive-latex-extra
              texlive-fonts-recommended tex-gyre fonts-paratype poppler-utils
              $HYPHENATION)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "error: missing ${missing[*]}, and no apt-get to install them: install them by hand" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "error: missing Debian packages: ${missing[*]}" >&2
        echo "install them as root: apt-get install --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
    SUDO="sudo"
fi
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
