package io.herald.sandbox.internal;

import io.herald.sandbox.standin.SandboxResponse;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Sample images the sandbox serves at {@code /media/sample.jpg} and {@code /media/sample.png}, for
 * posts with media in the sandbox (the networks that fetch media themselves fetch these). Drawn once,
 * the same bytes every time.
 */
public final class SampleMedia {

    public static final String PREFIX = "/media/";
    private static final Map<String, byte[]> IMAGES = Map.of("sample.jpg", draw("jpg"), "sample.png", draw("png"));

    private SampleMedia() {
    }

    public static SandboxResponse serve(String path) {
        String name = path.substring(PREFIX.length());
        byte[] image = IMAGES.get(name);
        if (image == null) {
            return SandboxResponse.error(404, "no sample media '" + name + "'; available: sample.jpg, sample.png");
        }
        return new SandboxResponse(200, Map.of("Content-Type", name.endsWith(".png") ? "image/png" : "image/jpeg"), image);
    }

    /** The bytes of a sample image. */
    public static byte[] bytes(String name) {
        return IMAGES.get(name).clone();
    }

    private static byte[] draw(String format) {
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x2a6f97));
        g.fillRect(0, 0, 320, 200);
        g.setColor(Color.WHITE);
        g.fillRect(140, 40, 40, 120);
        g.fillRect(100, 80, 120, 40);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the sample image", e);
        }
    }
}
