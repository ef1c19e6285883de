def person_from_dict(body):
    raise NotImplementedError
def organ_from_dict(body):
    raise NotImplementedError
def mandate_from_dict(body):
    raise NotImplementedError
