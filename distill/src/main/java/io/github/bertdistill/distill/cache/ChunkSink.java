package io.github.bertdistill.distill.cache;

import java.io.IOException;
import java.util.List;

/**
 * Appends completed chunks to a cache folder: each chunk file is written atomically, then the
 * manifest that lists it, so a chunk counts only once it is complete.
 */
final class ChunkSink {
    private final CacheFolder folder;
    private CacheManifest manifest;

    ChunkSink(CacheFolder folder, CacheManifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    /** The number of logits per record. */
    int numClasses() {
        return manifest.numClasses();
    }

    /** Writes {@code records} as the next chunk and lists it in the manifest. */
    void append(List<CachedLogits> records) throws IOException {
        int index = manifest.chunks().size();
        ChunkFormat.write(folder.chunk(index), manifest.numClasses(), records);
        manifest =
                manifest.withChunk(
                        new CacheManifest.Chunk(CacheFolder.chunkName(index), records.size()));
        folder.writeManifest(manifest);
    }
}
