package codestral.lsp.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the untyped JSON that LSP4J hands us for settings into plain Java data (maps, lists,
 * strings, numbers, booleans), so the config package knows nothing of Gson.
 */
final class JsonData {
  private JsonData() {}

  static Object toPlain(Object value) {
    if (!(value instanceof JsonElement)) {
      return value;
    }
    JsonElement element = (JsonElement) value;
    if (element.isJsonNull()) {
      return null;
    }
    if (element instanceof JsonObject object) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
        map.put(entry.getKey(), toPlain(entry.getValue()));
      }
      return map;
    }
    if (element.isJsonArray()) {
      List<Object> list = new ArrayList<>();
      for (JsonElement item : (JsonArray) element) {
        list.add(toPlain(item));
      }
      return list;
    }
    JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    if (primitive.isNumber()) {
      double number = primitive.getAsDouble();
      return number == Math.rint(number) && Math.abs(number) < Long.MAX_VALUE
          ? (Object) primitive.getAsLong()
          : (Object) number;
    }
    return primitive.getAsString();
  }
}
