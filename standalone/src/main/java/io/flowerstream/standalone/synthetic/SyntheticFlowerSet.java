package io.flowerstream.standalone.synthetic;

import io.flowerstream.contracts.FlowerClasses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes a synthetic flower set in the seed's layout (a folder per class of JPEGs), every file
 * named {@code synthetic-...} so that nobody mistakes it for photos.
 */
public final class SyntheticFlowerSet {

    private final SyntheticFlowerRenderer renderer = new SyntheticFlowerRenderer();

    /** Writes {@code perClass} pictures of each class under {@code dir}; returns {@code dir}. */
    public Path write(Path dir, int perClass, long seed) {
        if (perClass < 1) {
            throw new IllegalArgumentException("a synthetic set needs at least 1 picture per class, got " + perClass);
        }
        try {
            for (String label : FlowerClasses.NAMES) {
                Path classDir = Files.createDirectories(dir.resolve(label));
                for (int i = 0; i < perClass; i++) {
                    Path file = classDir.resolve(String.format(Locale.ROOT, "synthetic-%s-%04d.jpg", label, i));
                    if (!Files.exists(file)) {
                        Files.write(file, jpeg(label, seed + i));
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write the synthetic flower set under " + dir
                            + ": check the folder is writable and the disk has room",
                    e);
        }
    }

    /** One synthetic picture as JPEG bytes. */
    public byte[] jpeg(String label, long seed) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(renderer.render(label, seed), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a synthetic " + label + " as JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
