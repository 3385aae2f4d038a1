#!/usr/bin/env bash
# Regenerates SampleImages/: two phantoms of each preset with their truth files and calibration
# sidecars (<stem>.json: um_per_px, days_since_clipping for clipped), so that
# `trichometry analyze SampleImages` runs calibrated with no flags.
#
#   Scripts/make-sample-images.sh            # from the repository root (or anywhere inside it)
#   TRICHOMETRY=/path/to/trichometry Scripts/make-sample-images.sh   # use an already-built binary
#
# The phantoms are deterministic: the same command gives byte-identical images, truth files and
# sidecars on every run. 640x512 PNGs keep the set small (about 5 MB); the artifacts preset is written as
# full-size JPEG (quality 70), as a real device would.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="SampleImages"

if [[ -z "${TRICHOMETRY:-}" ]]; then
    scratch="${SCRATCH_PATH:-.build}"
    if ! log="$(swift build --scratch-path "$scratch" --product trichometry 2>&1)"; then
        echo "$log" >&2
        echo "make-sample-images: building trichometry failed" >&2
        exit 1
    fi
    TRICHOMETRY="$(swift build --scratch-path "$scratch" --show-bin-path)/trichometry"
fi

mkdir -p "$out"
# Remove only what this script makes, so other files in the folder survive.
for preset in clipped natural light dense artifacts calibration; do
    rm -f "$out/$preset"-*.png "$out/$preset"-*.jpg "$out/$preset"-*.json   # *.json: truth files and sidecars
done

seed=1
# Small frames show a small field, so the unclipped presets use the coarse end of their scale range
# (a wider field with more hairs); the truth files record the scale of every image.
"$TRICHOMETRY" phantom --preset clipped --count 2 --seed "$seed" --size 640x512 --out "$out"
"$TRICHOMETRY" phantom --preset natural --count 2 --seed "$seed" --size 640x512 --um-per-px 4 --out "$out"
"$TRICHOMETRY" phantom --preset light --count 2 --seed "$seed" --size 640x512 --um-per-px 4 --out "$out"
"$TRICHOMETRY" phantom --preset dense --count 2 --seed "$seed" --size 640x512 --um-per-px 5 --out "$out"
"$TRICHOMETRY" phantom --preset calibration --count 2 --seed "$seed" --size 640x512 --out "$out"
"$TRICHOMETRY" phantom --preset artifacts --count 2 --seed "$seed" --format jpeg --quality 70 --out "$out"

du -sh "$out"
