import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.validate.ValidationEntry;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * Reads each file given as a calendar, strictly (ical4j without relaxed parsing), and validates it
 * against RFC 5545 and, when it has a METHOD, RFC 5546. Prints one line per file: "ok", or what is
 * wrong; exits 1 when any is wrong. With --events first, each line also gives, after a tab, the
 * events as the parser read them, in JSON: what a hostile value could have slipped in shows there.
 */
public class IcsCheck {
  public static void main(String[] args) throws Exception {
    boolean events = args.length > 0 && args[0].equals("--events");
    String[] files = events ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
    boolean allValid = true;
    for (String file : files) {
      String read = "null";
      String verdict;
      try (Reader in = Files.newBufferedReader(Path.of(file))) {
        Calendar calendar = new CalendarBuilder().build(in);
        ValidationResult result = calendar.validate();
        StringBuilder errors = new StringBuilder();
        for (ValidationEntry entry : result.getEntries()) {
          if (entry.getSeverity() == ValidationEntry.Severity.INFO) continue;
          errors.append(errors.length() == 0 ? "" : "; ").append(entry.getContext()).append(": ").append(entry.getMessage());
        }
        verdict = errors.length() == 0 ? "ok" : errors.toString();
        if (events) read = eventsJson(calendar);
      } catch (Exception e) {
        verdict = e.toString();
      }
      if (!verdict.equals("ok")) allValid = false;
      System.out.println(file + "\t" + verdict + (events ? "\t" + read : ""));
    }
    System.exit(allValid ? 0 : 1);
  }

  /** `[[{"name":…,"value":…,"parameters":{…}},…],…]`: each event's properties, values unescaped. */
  private static String eventsJson(Calendar calendar) {
    StringBuilder json = new StringBuilder("[");
    for (CalendarComponent event : calendar.getComponents()) {
      if (!event.getName().equals(Component.VEVENT)) continue;
      if (json.length() > 1) json.append(',');
      json.append('[');
      boolean first = true;
      for (Property property : event.<Property>getProperties()) {
        if (!first) json.append(',');
        first = false;
        json.append("{\"name\":").append(quoted(property.getName()));
        json.append(",\"value\":").append(quoted(property.getValue()));
        json.append(",\"parameters\":{");
        boolean firstParameter = true;
        for (Parameter parameter : property.getParameterList().getAll()) {
          if (!firstParameter) json.append(',');
          firstParameter = false;
          json.append(quoted(parameter.getName())).append(':').append(quoted(parameter.getValue()));
        }
        json.append("}}");
      }
      json.append(']');
    }
    return json.append(']').toString();
  }

  /** A JSON string, every character beyond printable ASCII escaped so that the line stays one. */
  private static String quoted(String value) {
    if (value == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
