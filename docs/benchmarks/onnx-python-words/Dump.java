import com.google.gson.*;
import io.github.bertdistill.student.vocab.*;
import java.nio.file.*;
import java.io.*;
public class Dump {
    public static void main(String[] a) throws Exception {
        Gson gson = new Gson();
        WordTokenizer word = new WordTokenizer(true);
        ChineseCharTokenizer chars = new ChineseCharTokenizer(true, true);
        try (BufferedReader in = Files.newBufferedReader(Path.of("texts.jsonl"));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of("java.jsonl")))) {
            String line;
            while ((line = in.readLine()) != null) {
                String text = gson.fromJson(line, String.class);
                JsonObject o = new JsonObject();
                o.add("word", gson.toJsonTree(word.tokenize(text)));
                o.add("char", gson.toJsonTree(chars.tokenize(text)));
                out.println(gson.toJson(o));
            }
        }
    }
}
