import ai.onnxruntime.*;
import com.google.gson.*;
import io.github.bertdistill.student.model.TextCnnClassifier;
import java.nio.LongBuffer;
import java.nio.file.*;
import java.util.*;
public class Ort {
    static float[] run(OrtEnvironment env, OrtSession s, long[] ids) throws Exception {
        long[] mask = new long[ids.length]; Arrays.fill(mask, 1);
        long[] shape = {1, ids.length};
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OrtSession.Result r = s.run(Map.of("input_ids", a, "attention_mask", b))) {
            return ((float[][]) r.get("logits").get().getValue())[0];
        }
    }
    static long[] longs(JsonArray a) { long[] x = new long[Math.max(1, a.size())]; for (int i = 0; i < a.size(); i++) x[i] = a.get(i).getAsLong(); return x; }
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession("export/model.onnx", new OrtSession.SessionOptions());
             TextCnnClassifier m = TextCnnClassifier.load(Path.of(args[0]))) {
            int n = 0, idDiff = 0, labelT = 0, labelW = 0; float worstT = 0, worstW = 0; int longer = 0;
            for (String line : Files.readAllLines(Path.of("ids.jsonl"))) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                String text = o.get("text").getAsString();
                long[] java = m.encoder().encode(text).tokenIds();
                long[] py = longs(o.getAsJsonArray("ids"));
                if (!Arrays.equals(java, py) && !(java.length == 0 && py.length == 1)) idDiff++;
                float[] djl = m.logits(text);
                float[] t = run(env, s, py), w = run(env, s, longs(o.getAsJsonArray("whole")));
                if (o.getAsJsonArray("whole").size() > py.length) longer++;
                for (int c = 0; c < djl.length; c++) { worstT = Math.max(worstT, Math.abs(djl[c] - t[c])); worstW = Math.max(worstW, Math.abs(djl[c] - w[c])); }
                if (argmax(djl) != argmax(t)) labelT++;
                if (argmax(djl) != argmax(w)) labelW++;
                n++;
            }
            System.out.printf("%d texts (%d longer than max_length): Python ids differ from Java's for %d; ORT on Python ids: max |logit diff| %.2e, %d labels differ; ORT on untruncated ids: max %.2e, %d labels differ%n", n, longer, idDiff, worstT, labelT, worstW, labelW);
        }
    }
    static int argmax(float[] x) { int b = 0; for (int i = 1; i < x.length; i++) if (x[i] > x[b]) b = i; return b; }
}
