#!/usr/bin/python3
"""Writes N distinct 320x240 JPEG crops a class from a class-per-folder photo dataset, for the Curate benchmark's
100,000-image folder (docs/benchmarks.md, "Curate with 100,000 images"): Fashion-MNIST's 70,000 PNGs
(FashionMnistPng.java) plus 30,000 of these from the 200 flowers.

    /usr/bin/python3 src/scripts/flower_crops.py SOURCE_DATASET TARGET_FOLDER N [SEED]

Each crop keeps a random 60-100% of the photo's width and height at a random place, is mirrored half the time and
scaled to 320x240, so the files differ in pixels and content hash, as real photos do. Seeded (default 1): the same
arguments give the same files. Class folders in TARGET_FOLDER must not exist yet: the script never writes over
anything. Needs Debian's python3-pil.
"""
import os
import random
import sys

from PIL import Image, ImageOps


def main(source, target, per_class, seed):
    rng = random.Random(seed)
    os.makedirs(target, exist_ok=True)
    written = 0
    for name in sorted(os.listdir(source)):
        folder = os.path.join(source, name)
        if not os.path.isdir(folder) or name.startswith('.'):
            continue
        photos = []
        for file in sorted(os.listdir(folder)):
            try:
                photos.append(Image.open(os.path.join(folder, file)).convert('RGB'))
            except OSError:
                continue  # not an image (LICENSE.txt and the like)
        if not photos:
            continue
        os.makedirs(os.path.join(target, name))  # fails if it exists: never write over a class
        for i in range(per_class):
            photo = photos[i % len(photos)]
            w, h = photo.size
            cw, ch = int(w * rng.uniform(0.6, 1.0)), int(h * rng.uniform(0.6, 1.0))
            x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
            crop = photo.crop((x, y, x + cw, y + ch)).resize((320, 240), Image.BILINEAR)
            if rng.random() < 0.5:
                crop = ImageOps.mirror(crop)
            path = os.path.join(target, name, f'{name}-{i:05d}.jpg')
            crop.save(path + '.tmp', 'JPEG', quality=85)
            os.replace(path + '.tmp', path)
            written += 1
    print(f'{written} photos written to {target}')


if __name__ == '__main__':
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) == 5 else 1)
