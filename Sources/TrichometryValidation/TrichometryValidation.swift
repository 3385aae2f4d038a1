// TrichometryValidation
