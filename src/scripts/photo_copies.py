#!/usr/bin/python3
"""Writes K distinct copies of every photo of a class-per-folder dataset, for benchmarks that need jobs of thousands
of photos (docs/scaling.md: Spark's cost per job only fades on long jobs).

    /usr/bin/python3 src/scripts/photo_copies.py SOURCE_DATASET TARGET_FOLDER K [WIDTHxHEIGHT]

WIDTHxHEIGHT (e.g. 4032x3024, a 12-megapixel phone photo) scales every copy to that size, for tests of phone-sized
photos; without it the copies keep the photos' own size. Each copy is the photo re-encoded as JPEG (quality 90) with its own JPEG comment ("loupe bench copy k"), so every
file has its own content hash and no catalogue or cache takes one for another; the pixels of the K copies are the
same. TARGET_FOLDER must not exist: the script never writes over anything. Needs Debian's python3-pil.
"""
import os
import sys

from PIL import Image


def main(source, target, copies, size=None):
    os.makedirs(target)  # fails if it exists: never write over a folder
    written = 0
    for name in sorted(os.listdir(source)):
        folder = os.path.join(source, name)
        if not os.path.isdir(folder) or name.startswith('.'):
            continue
        os.makedirs(os.path.join(target, name))
        for file in sorted(os.listdir(folder)):
            try:
                image = Image.open(os.path.join(folder, file)).convert('RGB')
            except OSError:
                continue  # not an image: a benchmark copy set only holds photos
            if size:
                image = image.resize(size, Image.LANCZOS)
            stem = os.path.splitext(file)[0]
            for k in range(copies):
                image.save(os.path.join(target, name, f'{stem}_{k}.jpg'), quality=90, comment=f'loupe bench copy {k}')
                written += 1
    print(f'{written} photos written to {target}')


if __name__ == '__main__':
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]),
         tuple(int(n) for n in sys.argv[4].split('x')) if len(sys.argv) == 5 else None)
