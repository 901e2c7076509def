#!/usr/bin/python3
"""A dataset whose classes differ only by colour: two hues (orange, teal) at three shades each (light, medium, dark),
so brightness, contrast or saturation jitter can move a photo towards another class. Each image is a few random
shapes of the class's colour (with a little per-image variation) on a random grey background with noise; shapes,
sizes and places say nothing about the class. Used to measure augmentation where colour is the class
(docs/benchmarks.md, "Augmentation by dataset").

    /usr/bin/python3 src/scripts/shade_dataset.py OUT [PER_CLASS] [SEED]

Writes OUT/<class>/<n>.png, 160 x 160 RGB. Needs Debian's python3-pil and python3-numpy.
"""
import colorsys
import os
import sys

import numpy as np
from PIL import Image, ImageDraw

HUES = {"orange": 30 / 360, "teal": 180 / 360}
SHADES = {"light": 0.95, "medium": 0.75, "dark": 0.55}


def image(rng, hue, value):
    grey = int(rng.integers(60, 200))
    img = Image.new("RGB", (160, 160), (grey, grey, grey))
    draw = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(2, 5))):
        # The class's colour, varied a little (hue +-2 degrees, value +-0.03) so no two images are identical.
        h = (hue + rng.uniform(-2, 2) / 360) % 1.0
        v = min(1.0, max(0.0, value + rng.uniform(-0.03, 0.03)))
        r, g, b = (int(round(255 * c)) for c in colorsys.hsv_to_rgb(h, 0.8, v))
        x0, y0 = rng.integers(0, 110, size=2)
        w, h2 = rng.integers(30, 70, size=2)
        box = [int(x0), int(y0), int(x0 + w), int(y0 + h2)]
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=(r, g, b))
    pixels = np.asarray(img, dtype=np.int16) + rng.integers(-12, 13, size=(160, 160, 3))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def main():
    out = sys.argv[1]
    per_class = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    for hue_name, hue in HUES.items():
        for shade_name, value in SHADES.items():
            folder = os.path.join(out, shade_name + "-" + hue_name)
            os.makedirs(folder, exist_ok=True)
            for n in range(per_class):
                image(rng, hue, value).save(os.path.join(folder, "%03d.png" % n))


if __name__ == "__main__":
    main()
