import iot.errorcodes.ErrorCode;
import iot.errorcodes.IotErrorCodes;
import iot.errorcodes.IotPlatformException;
import java.util.Locale;

public class Example {
    public static void main(String[] args) {
        String retCode = "D00004"; // from the platform's answer
        if (!IotErrorCodes.isSuccess(retCode)) {
            System.out.println(IotErrorCodes.describe(retCode));            // the spec's text
            System.out.println(IotErrorCodes.describe(retCode, Locale.US)); // English
            System.out.println(IotErrorCodes.name(retCode) + " " + IotErrorCodes.category(retCode));
        }
        System.out.println(ErrorCode.of("g20903") == ErrorCode.MASTER_DATA_ERROR);
        System.out.println(IotErrorCodes.describe("D4"));
        try {
            throw new IotPlatformException("D00004", "token expired");
        } catch (IotPlatformException e) {
            System.out.println(e.getMessage());
        }
    }
}
