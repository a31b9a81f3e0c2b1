package io.github.bertdistill.examples.bench;

import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.List;

/** The common head of a JSON line for the peer harness's {@code summarize.py}. */
final class BenchRecord {
    private BenchRecord() {}

    /**
     * {@code bench} ({@code <family>_djl}, {@code <family>_djl_onnx} with {@code --onnx}, and
     * {@code _<tag>} appended with {@code --tag TAG} in {@code options}), {@code engine}, the
     * engine's versions, thread settings and the load.
     */
    static JsonObject header(String family, List<String> options, Engine engine)
            throws IOException {
        int tag = options.indexOf("--tag");
        JsonObject record = new JsonObject();
        record.addProperty(
                "bench",
                family
                        + "_djl"
                        + (options.contains("--onnx") ? "_onnx" : "")
                        + (tag >= 0 ? "_" + options.get(tag + 1) : ""));
        record.addProperty("engine", "djl");
        record.addProperty("djl", Engine.getDjlVersion());
        record.addProperty("torch", engine.getVersion());
        record.addProperty("threads", Integer.getInteger("ai.djl.pytorch.num_threads", -1));
        record.addProperty(
                "interop_threads", Integer.getInteger("ai.djl.pytorch.num_interop_threads", -1));
        record.addProperty("load1", PeerTiming.load1());
        return record;
    }
}
