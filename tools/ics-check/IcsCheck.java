import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationEntry;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * Reads each file given as a calendar, strictly (ical4j without relaxed parsing), and validates it
 * against RFC 5545 and, when it has a METHOD, RFC 5546. Prints one line per file: "ok", or what is
 * wrong; exits 1 when any is wrong.
 */
public class IcsCheck {
  public static void main(String[] files) throws Exception {
    boolean allValid = true;
    for (String file : files) {
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
      } catch (Exception e) {
        verdict = e.toString();
      }
      if (!verdict.equals("ok")) allValid = false;
      System.out.println(file + "\t" + verdict);
    }
    System.exit(allValid ? 0 : 1);
  }
}
