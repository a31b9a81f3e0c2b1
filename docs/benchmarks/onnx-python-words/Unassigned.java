import java.nio.file.*;
import com.google.gson.Gson;
public class Unassigned {
    public static void main(String[] a) throws Exception {
        Gson gson = new Gson();
        StringBuilder all = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("texts.jsonl"))) all.append(gson.fromJson(line, String.class));
        StringBuilder out = new StringBuilder();
        all.codePoints().distinct().filter(c -> Character.getType(c) == Character.UNASSIGNED).forEach(c -> out.append(Integer.toHexString(c)).append('\n'));
        Files.writeString(Path.of("unassigned.txt"), out);
    }
}
