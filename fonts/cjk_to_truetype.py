#!/usr/bin/env python3
"""Converts Noto Sans CJK SC (Regular and Bold, CFF outlines, from Debian's fonts-noto-cjk) to
TrueType outlines, as "Noto Sans CJK SC TrueType", for the invoice PDFs.

Why: Cairo 1.16 embeds a CID-keyed CFF font's subset with its whole font dictionary and
subroutines, about 100 KB per face per PDF and most of a Chinese PDF's rendering time; a
TrueType subset holds only the glyphs used. The curves are converted with fontTools' cu2qu
within MAX_ERROR font units (1/1000 em), invisible at print sizes.

Usage: python3 fonts/cjk_to_truetype.py [OUTPUT_DIR]   (default: fonts/generated beside this file)
Run by `make deps`; does nothing when the outputs are newer than this script and the sources.
Exits 0 without output when fontTools or the source fonts are missing: the server then prints
Chinese with the original fonts (slower, same text).
"""
import os
import sys

SOURCES = {
    "Regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "Bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
FAMILY = "Noto Sans CJK SC TrueType"
POSTSCRIPT = "NotoSansCJKscTrueType"
MAX_ERROR = 1.0


def face_index(path, family):
    """The index of the face named `family` (name ID 1 or 16) in a font collection."""
    from fontTools.ttLib import TTCollection

    collection = TTCollection(path, lazy=True)
    for index, font in enumerate(collection.fonts):
        names = {font["name"].getDebugName(1), font["name"].getDebugName(16)}
        if family in names:
            return index
    raise SystemExit(f"cjk_to_truetype: no '{family}' face in {path}")


def to_truetype(font):
    """Replaces the CFF table by glyf/loca with quadratic outlines, in place."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]

    # maxp version 1.0 (TrueType); the point and contour counts are recalculated on save.
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxTwilightPoints",
                  "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: a CID font's are only "cid01234"
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font, style):
    """Gives the converted face a family name of its own, so fontconfig never confuses it with
    the original and a missing conversion falls through to the original by family order."""
    name = font["name"]
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    for record in list(name.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            name.removeNames(nameID=record.nameID)
    for name_id, value in ((1, FAMILY), (2, style), (3, f"{POSTSCRIPT}-{style};converted"), (4, full),
                           (6, f"{POSTSCRIPT}-{style}")):
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "generated")
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        print("cjk_to_truetype: fontTools is not installed; Chinese PDFs use the original CFF fonts", file=sys.stderr)
        return
    os.makedirs(out_dir, exist_ok=True)
    for style, source in SOURCES.items():
        if not os.path.exists(source):
            print(f"cjk_to_truetype: {source} is missing; skipped", file=sys.stderr)
            continue
        target = os.path.join(out_dir, f"{POSTSCRIPT}-{style}.ttf")
        newest_input = max(os.path.getmtime(source), os.path.getmtime(os.path.abspath(__file__)))
        if os.path.exists(target) and os.path.getmtime(target) > newest_input:
            continue
        font = TTFont(source, fontNumber=face_index(source, "Noto Sans CJK SC"), lazy=False)
        to_truetype(font)
        rename(font, style)
        partial = target + ".part"
        font.save(partial)
        os.replace(partial, target)
        print(f"cjk_to_truetype: wrote {target} ({os.path.getsize(target) // 1024} KB)", file=sys.stderr)


if __name__ == "__main__":
    main()
