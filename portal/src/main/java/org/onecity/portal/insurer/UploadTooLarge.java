package org.onecity.portal.insurer;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An upload larger than the server takes at all never reaches a controller (its parts are refused while the request
 * is read), so it is answered here: the statement form again, saying why, with nothing sent.
 */
@ControllerAdvice
class UploadTooLarge {

    private final MessageSource messages;

    UploadTooLarge(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(RedirectAttributes redirect) {
        redirect.addFlashAttribute("problem", messages.getMessage("statement.upload-too-large",
                new Object[]{StatementUpload.MOST_BYTES / (1024 * 1024)}, LocaleContextHolder.getLocale()));
        return "redirect:/insurer/reconciliation";
    }
}
