package io.flowerstream.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Generates the synthetic and hostile image bytes that tests throw at the decoder: well-formed
 * JPEGs and PNGs of every colour layout, files cut short, headers that lie about their size,
 * and things that are not images at all. Everything is built in memory, nothing is downloaded.
 */
public final class TestImages {

    private TestImages() {}

    /** An RGB image whose left half is {@code left} and right half {@code right}. */
    public static BufferedImage halves(int width, int height, Color left, Color right) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(right);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    /** An RGB image of one colour. */
    public static BufferedImage solid(int width, int height, Color colour) {
        return halves(width, height, colour, colour);
    }

    /**
     * A 200x160 RGB image of a yellow disc on a coloured ground: {@code seed} varies the ground's
     * colour and the disc's place, so that different seeds give different image ids.
     */
    public static BufferedImage disc(int seed) {
        BufferedImage image = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((seed * 53) & 0xff, (seed * 97) & 0xff, (seed * 31) & 0xff));
        g.fillRect(0, 0, 200, 160);
        g.setColor(Color.YELLOW);
        g.fillOval(40 + seed % 50, 30, 90, 90);
        g.dispose();
        return image;
    }

    /** A photo-like RGB image: smooth gradients with seeded noise, so JPEG keeps fine detail. */
    public static BufferedImage noisePhoto(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = Math.min(255, x * 255 / width + random.nextInt(40));
                int g = Math.min(255, y * 255 / height + random.nextInt(40));
                int b = random.nextInt(256);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** A JPEG of {@code image}, as the JDK's writer writes it by default. */
    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpeg");
    }

    /** A JPEG of {@link #disc(int) disc(seed)}. */
    public static byte[] jpeg(int seed) {
        return jpeg(disc(seed));
    }

    /** The first third of {@link #jpeg(int) jpeg(1)}: a JPEG cut short, always the same bytes. */
    public static byte[] truncatedJpeg() {
        byte[] whole = jpeg(1);
        return Arrays.copyOf(whole, whole.length / 3);
    }

    /** A PNG of {@code image}, in whatever layout the image has (grey, ARGB, 16-bit...). */
    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    /** A GIF of {@code image}: a real image in a format the pipeline does not accept. */
    public static byte[] gif(BufferedImage image) {
        return write(image, "gif");
    }

    /** A BMP of {@code image}. */
    public static byte[] bmp(BufferedImage image) {
        return write(image, "bmp");
    }

    /** A one-channel 8-bit grey PNG of value {@code grey}. */
    public static byte[] greyPng(int width, int height, int grey) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, grey);
            }
        }
        return png(image);
    }

    /** An RGBA PNG of {@code rgb} with alpha {@code alpha} (0 transparent, 255 opaque) everywhere. */
    public static byte[] alphaPng(int width, int height, Color rgb, int alpha) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int argb = alpha << 24 | (rgb.getRGB() & 0xFFFFFF);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return png(image);
    }

    /** A 16-bit-per-channel RGB PNG whose samples are {@code r, g, b} (0..65535). */
    public static byte[] sixteenBitPng(int width, int height, int r, int g, int b) {
        java.awt.color.ColorSpace srgb = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        java.awt.image.ComponentColorModel model = new java.awt.image.ComponentColorModel(
                srgb, false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {r, g, b});
            }
        }
        return png(new BufferedImage(model, raster, false, null));
    }

    /**
     * A CMYK JPEG as Photoshop writes them: four channels stored inverted (255 = no ink) behind
     * an Adobe APP14 segment with transform 0, left half red (M+Y ink) and right half blue (C+M).
     * The JDK writes the four-band raster as it is; the Adobe segment is spliced in after SOI.
     */
    public static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] red = {255, 0, 0, 255};
        int[] blue = {0, 0, 255, 255};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, x < width / 2 ? red : blue);
            }
        }
        byte[] plain = writeRaster(raster);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return splice(plain, 2, adobe);
    }

    /** A progressive JPEG of {@code image} (several scans, as many web photos are), written by the JDK. */
    public static byte[] progressiveJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A one-component (greyscale) JPEG: a left-to-right ramp from black to white. */
    public static byte[] greyJpeg(int width, int height) {
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = grey.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, x * 255 / Math.max(1, width - 1));
            }
        }
        return write(grey, "jpeg");
    }

    /** {@code jpeg} with an EXIF APP1 segment carrying orientation {@code orientation} inserted after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer exif = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
        exif.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.capacity() - 2));
        exif.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        exif.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // big-endian TIFF, IFD0 at 8
        exif.putShort((short) 1); // one entry
        exif.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        exif.putInt(0); // no next IFD
        return splice(jpeg, 2, exif.array());
    }

    /**
     * A PNG whose IHDR (valid CRC, followed by IEND) claims {@code width x height} pixels but that
     * holds no pixel data: only a header guard keeps a decoder from allocating the raster.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(chunk("IHDR", header(width, height)));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A small valid JPEG whose frame header is patched to claim {@code width x height} pixels. */
    public static byte[] jpegClaiming(int width, int height) {
        byte[] bytes = jpeg(solid(16, 16, Color.GREEN));
        for (int i = 2; i < bytes.length - 9; i++) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xC0) {
                // FF C0, length (2), precision (1), then height and width (2 each)
                bytes[i + 5] = (byte) (height >> 8);
                bytes[i + 6] = (byte) height;
                bytes[i + 7] = (byte) (width >> 8);
                bytes[i + 8] = (byte) width;
                return bytes;
            }
        }
        throw new IllegalStateException("the JDK wrote a JPEG without a baseline frame header");
    }

    /**
     * A decompression bomb: a real 8-bit RGB PNG of {@code width x height} black pixels, whose
     * IDAT is deflated row by row, so the file stays small (a few hundred KiB for 100 megapixels)
     * and is built without ever holding the raster. Decoding it would allocate all of it.
     */
    public static byte[] pngBomb(int width, int height) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] row = new byte[1 + 3 * width]; // filter byte 0, then black samples
        byte[] out = new byte[64 * 1024];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                idat.write(out, 0, deflater.deflate(out));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(out, 0, deflater.deflate(out));
        }
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        png.writeBytes(chunk("IHDR", header(width, height)));
        png.writeBytes(chunk("IDAT", idat.toByteArray()));
        png.writeBytes(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /** A GIF of {@code frames} frames of different colours, as the JDK's writer writes an animation. */
    public static byte[] animatedGif(int width, int height, int frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = solid(width, height, Color.getHSBColor(i / (float) frames, 1f, 1f));
                writer.writeToSequence(new IIOImage(frame, null, null), writer.getDefaultWriteParam());
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A PNG of {@code image} whose IHDR checksum is wrong: sound structure, damaged header. */
    public static byte[] pngWithBadHeaderCrc(BufferedImage image) {
        byte[] bytes = png(image);
        bytes[8 + 8 + 13] ^= 0x55; // first byte of IHDR's CRC: signature 8, length+type 8, data 13
        return bytes;
    }

    /** A PNG of random pixels: incompressible, so {@code width x height x 3} bytes or more on disk. */
    public static byte[] noisePng(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return png(image);
    }

    /** The first bytes of a WebP file (RIFF....WEBP), a format the pipeline does not take. */
    public static byte[] webpHeader() {
        byte[] bytes = randomBytes(64, 7);
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 8);
        return bytes;
    }

    /** The first {@code fraction} of {@code bytes}, as a transfer cut short leaves them. */
    public static byte[] truncated(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    /** A PNG cut just before its IEND chunk, so every earlier chunk is whole. */
    public static byte[] pngWithoutEnd(byte[] png) {
        return Arrays.copyOf(png, png.length - 12);
    }

    /** Plain text that a confused client might post as an image. */
    public static byte[] text() {
        return "daisy, dandelion, rose, sunflower, tulip\n".getBytes(StandardCharsets.UTF_8);
    }

    /** An HTML error page, what a proxy returns instead of the image. */
    public static byte[] html() {
        return "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes from a fixed seed, so failures reproduce. */
    public static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A PNG header chunk's data: 8-bit RGB, no interlace. */
    private static byte[] header(int width, int height) {
        return ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8) // bit depth
                .put((byte) 2) // colour type: RGB
                .put((byte) 0) // compression
                .put((byte) 0) // filter
                .put((byte) 0) // interlace: none
                .array();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException(
                        "the JDK has no " + format + " writer for image type " + image.getType());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] writeRaster(Raster raster) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
